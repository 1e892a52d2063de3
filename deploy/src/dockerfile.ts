import { readFileSync } from 'node:fs';

/** One instruction: its keyword in capitals and the rest of it, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** A build stage: the image it starts FROM, its name (AS) and its instructions after FROM. */
export interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** The stages of a Dockerfile, in order (comments, parser directives and blank lines dropped). */
export function parseDockerfile(path: string): Stage[] {
  const logicalLines: string[] = [];
  let pending = '';
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (/^\s*#/.test(line)) continue;
    const continued = line.match(/^(.*)\\\s*$/);
    pending += continued ? `${continued[1]} ` : line;
    if (!continued) {
      if (pending.trim()) logicalLines.push(pending.trim());
      pending = '';
    }
  }
  const stages: Stage[] = [];
  for (const line of logicalLines) {
    const [keyword = '', args = ''] = line.split(/\s+(.*)/s);
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [from = '', , name] = instruction.args.split(' ');
      stages.push({ from, name, instructions: [] });
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

/** The arguments of each of the stage's instructions with this keyword. */
export function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** KEY=value pairs of ENV and ARG instructions (ARG without a default maps to undefined). */
export function assignments(stage: Stage, keyword: 'ENV' | 'ARG'): Map<string, string | undefined> {
  const pairs = new Map<string, string | undefined>();
  for (const args of argsOf(stage, keyword)) {
    for (const [, key = '', value] of args.matchAll(/([\w.-]+)(?:=(\S*))?/g)) pairs.set(key, value);
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
