/**
 * A consumer project in a temp folder with suanflow "installed" the way npm would install it:
 * node_modules/suanflow holds exactly the files `npm pack` puts in the tarball (no node_modules of
 * its own, so the optional peers highs and webgpu are absent), and each runtime dependency is a
 * link to this checkout's copy. No registry access.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

/** The files `npm pack` would put in the tarball (dry run, scripts off). */
export function packedFiles(): PackedFile[] {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`npm pack --dry-run failed (exit ${r.status}): ${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as { files: PackedFile[] }[];
  if (!info) throw new Error(`npm pack --dry-run printed no package: ${r.stdout}`);
  return info.files;
}

/** Fails with what to do when the build outputs the package needs are missing. */
export function requireBuilt(): void {
  for (const f of ['dist/index.js', 'dist/index.cjs', 'dist/browser.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run "npm run build" first (npm test does it)`);
  }
}

/** Creates the consumer folder and returns its path. */
export function makeConsumer(prefix: string): string {
  requireBuilt();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const pkgDir = join(dir, 'node_modules', 'suanflow');
  for (const f of packedFiles()) {
    mkdirSync(dirname(join(pkgDir, f.path)), { recursive: true });
    cpSync(join(ROOT, f.path), join(pkgDir, f.path));
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
  }
  return dir;
}
