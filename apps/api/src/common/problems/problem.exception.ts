import { HttpException } from '@nestjs/common';
import type { Problem } from '@textpulse/contracts';

/** An HTTP error whose problem+json body is already built (for example a 502 with its attempts). */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem & Record<string, unknown>) {
    super(problem, problem.status);
  }
}
