/**
 * Why an output folder is not replaced. The message completes "refusing to replace DIR: ...";
 * when it is thrown, nothing of the output folder has been changed by the run.
 */
export class OutputRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputRefusal';
  }
}
