// The stopword package ships no types; similar.ts reads its English list only.
declare module 'stopword' {
  /** English stop words, lower case. */
  export const eng: string[];
}
