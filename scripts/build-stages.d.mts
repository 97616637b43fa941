// Types of scripts/build-stages.mjs for the tests (the scripts themselves run as plain Node ESM).
export interface BuildStep {
  readonly label: string;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly stdoutTo?: string;
}
export interface BuildStage {
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly clean?: readonly string[];
  readonly steps: readonly BuildStep[];
}
export const ROOT: string;
export const STAGES: readonly BuildStage[];
export function inputsHash(stage: Pick<BuildStage, 'inputs'>, root?: string): string;
export function missingOutputs(stage: Pick<BuildStage, 'outputs'>, root?: string): string[];
export function readStamps(): Record<string, string>;
export function writeStamps(stamps: Record<string, string>): void;
