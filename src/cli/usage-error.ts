/** Bad input at the command line: printed as one message, exit code 2. */
export class UsageError extends Error {}
