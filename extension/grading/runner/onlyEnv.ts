/** Environment variable naming the one test a grading child runs (the grader's isolated rerun of a test). */
export const ONLY_ENV = 'DDIA_GRADE_ONLY';
