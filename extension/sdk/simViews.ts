/** Views of simulations for cells: quorum timelines of a scenario result or a saved trace. */
export {};
