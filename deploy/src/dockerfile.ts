import { readFileSync } from 'node:fs';
import { type Arg, DockerfileParser, type Env, type From, type Instruction } from 'dockerfile-ast';

/** A build stage: the image it starts FROM, its name (AS) and its instructions after FROM. */
export interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** The stages of a Dockerfile, in order, as dockerfile-ast reads it. */
export function parseDockerfile(path: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(readFileSync(path, 'utf8')).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      stages.push({
        from: from.getImage() ?? '',
        name: from.getBuildStage() ?? undefined,
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The stage the image runs: the Dockerfile's last. */
export function finalStage(path: string): Stage {
  const stage = parseDockerfile(path).at(-1);
  if (!stage) throw new Error(`${path} has no FROM`);
  return stage;
}

/** The instructions of the stage with this keyword. */
function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
}

/**
 * What follows the keyword in each of the stage's instructions with this keyword, flags
 * included, as dockerfile-ast writes it back: continuation lines joined, comments dropped.
 */
export function argsOf(stage: Stage, keyword: string): string[] {
  return instructionsOf(stage, keyword).map((instruction) =>
    instruction.toString().slice(instruction.getInstruction().length).trim(),
  );
}

/** KEY=value pairs of ENV and ARG instructions (ARG without a default maps to undefined). */
export function assignments(stage: Stage, keyword: 'ENV' | 'ARG'): Map<string, string | undefined> {
  const pairs = new Map<string, string | undefined>();
  for (const instruction of instructionsOf(stage, keyword) as (Env | Arg)[]) {
    for (const property of instruction.getProperties()) {
      pairs.set(property.getName(), property.getValue() ?? undefined);
    }
  }
  return pairs;
}

/** The command of an exec-form CMD or HEALTHCHECK (after its --options), as argv. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  const argv: unknown = JSON.parse(json);
  if (!Array.isArray(argv) || !argv.every((arg) => typeof arg === 'string')) {
    throw new Error(`Not an exec-form command: ${args}`);
  }
  return argv;
}
