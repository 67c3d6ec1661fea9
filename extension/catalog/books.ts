/**
 * The two books the labs follow, with their chapter titles, so a lab's front matter names a
 * chapter by number and the catalog can group and title it consistently. Chapter numbers follow
 * the first edition of Designing Data-Intensive Applications (Kleppmann, 2017) and the second
 * edition of Systems Performance (Gregg, 2020).
 */
export type BookId = 'DDIA' | 'Systems Performance';

export interface Book {
  readonly id: BookId;
  readonly title: string;
  readonly author: string;
  readonly chapters: Readonly<Record<number, string>>;
}

export const BOOKS: readonly Book[] = [
  {
    id: 'DDIA',
    title: 'Designing Data-Intensive Applications',
    author: 'Martin Kleppmann',
    chapters: {
      1: 'Reliable, Scalable, and Maintainable Applications',
      2: 'Data Models and Query Languages',
      3: 'Storage and Retrieval',
      4: 'Encoding and Evolution',
      5: 'Replication',
      6: 'Partitioning',
      7: 'Transactions',
      8: 'The Trouble with Distributed Systems',
      9: 'Consistency and Consensus',
      10: 'Batch Processing',
      11: 'Stream Processing',
      12: 'The Future of Data Systems',
    },
  },
  {
    id: 'Systems Performance',
    title: 'Systems Performance',
    author: 'Brendan Gregg',
    chapters: {
      1: 'Introduction',
      2: 'Methodologies',
      3: 'Operating Systems',
      4: 'Observability Tools',
      5: 'Applications',
      6: 'CPUs',
      7: 'Memory',
      8: 'File Systems',
      9: 'Disks',
      10: 'Network',
      11: 'Cloud Computing',
      12: 'Benchmarking',
      13: 'perf',
      14: 'Ftrace',
      15: 'BPF',
      16: 'Case Study',
    },
  },
];

export function findBook(id: string): Book | undefined {
  return BOOKS.find((b) => b.id === id);
}

/** Books in catalog order (DDIA first), for stable grouping in every view. */
export function bookOrder(id: BookId): number {
  return BOOKS.findIndex((b) => b.id === id);
}
