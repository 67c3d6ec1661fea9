/** `sim` in the lab SDK: the deterministic cluster simulator of DDIA chapter 5, for cells and exercises. */
export * from './simViews';
