/** Views of storage engines for cells: LSM levels, B-tree pages, amplification over a workload. */
export {};
