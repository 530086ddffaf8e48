/** Raised when content is invalid; its message is the full list, so no stack trace is needed. */
export class ContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentError';
    // A content problem is not a crash: Astro prints no stack trace for an error without one.
    this.stack = '';
  }
}
