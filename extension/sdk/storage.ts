/** `storage` in the lab SDK: the storage engines of DDIA chapter 3, for cells and exercises. */
export {};
