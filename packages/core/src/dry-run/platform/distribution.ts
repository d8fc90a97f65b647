/**
 * The dry-run's server distribution: the embedded PostgreSQL binaries, linked (not copied) into a
 * folder of our own whose extension directory also holds
 *
 *  - the emulations of platform extensions the build lacks (vector, pg_cron, pgmq, ...);
 *  - the build's own extensions that Supabase lets its non-superuser `postgres` role create
 *    (supautils' privileged list), marked `trusted` so the replay role can create them too;
 *  - an empty stand-in for any other extension a migration asks for, so the replay goes on.
 *
 * The npm package's files are never modified: every file is a hard link (or a copy where links
 * are impossible), and a changed control file replaces the link by a new file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PostgresBinaries } from '../../db/server';
import { TOOL_VERSION } from '../../version';
import type { ExtensionEmulation } from '../emulations/types';

/** A `create extension` / `alter extension ... update to` the migrations contain. */
export interface RequestedExtension {
  name: string;
  /** Versions named by `version '...'` or `update to '...'`. */
  versions: readonly string[];
}

export interface DistributionOptions {
  emulations: readonly ExtensionEmulation[];
  /** Extensions of the build that the replay role may create (Supabase's privileged list). */
  privileged: readonly string[];
  requested: readonly RequestedExtension[];
  /** Where the prepared folder lives (default: the OS temp folder, readable by the server's user). */
  cacheRoot?: string;
}

export interface PreparedDistribution {
  binaries: PostgresBinaries;
  /** Extensions installed from an emulation (the build lacks them). */
  emulated: string[];
  /** Requested extensions nobody knows: installed as empty stand-ins. */
  standIns: string[];
  /** Extensions requested with a name or version no control file can carry. */
  refused: { name: string; reason: string }[];
}

/** What PostgreSQL accepts in an extension or version name, minus anything path-like. */
const EXTENSION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}$/;
const EXTENSION_VERSION = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/;

function badName(value: string, pattern: RegExp): boolean {
  return !pattern.test(value) || value.includes('--') || value.endsWith('-');
}

function extensionDirOf(nativeRoot: string): string {
  return path.join(nativeRoot, 'share', 'postgresql', 'extension');
}

async function availableControls(extensionDir: string): Promise<Set<string>> {
  const entries = await fs.readdir(extensionDir).catch(() => [] as string[]);
  return new Set(entries.filter((f) => f.endsWith('.control')).map((f) => f.slice(0, -'.control'.length)));
}

/** Mirrors `from` into `to` with hard links (copies when linking is impossible), keeping symlinks as they are. */
async function linkTree(from: string, to: string): Promise<void> {
  await fs.mkdir(to, { recursive: true, mode: 0o755 });
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, target);
    else if (entry.isSymbolicLink()) await fs.symlink(await fs.readlink(source), target);
    else await fs.link(source, target).catch(() => fs.copyFile(source, target));
  }
}

/** Writes a file through a temporary name, so concurrent runs and the linked original never see half a file. */
async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temporary, content, { mode: 0o644 });
  await fs.rename(temporary, file);
}

function controlFile(fields: Record<string, string | boolean | undefined>): string {
  return (
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key} = ${typeof value === 'boolean' ? String(value) : `'${String(value).replace(/'/g, "''")}'`}`)
      .join('\n') + '\n'
  );
}

function emulationControl(emulation: ExtensionEmulation): string {
  return controlFile({
    comment: emulation.comment,
    default_version: emulation.version,
    relocatable: emulation.relocatable,
    schema: emulation.schema,
    requires: emulation.requires?.length ? emulation.requires.join(', ') : undefined,
    superuser: emulation.superuser ?? true,
    trusted: true,
  });
}

function standInControl(name: string, version: string): string {
  return controlFile({
    comment: `migration-gate: empty stand-in for "${name}", an extension the dry-run does not know`,
    default_version: version,
    relocatable: true,
    superuser: true,
    trusted: true,
  });
}

/** A build's control file, made creatable by the non-superuser replay role. */
function trustedControl(original: string): string {
  const withoutTrusted = original
    .split('\n')
    .filter((line) => !/^\s*trusted\s*=/.test(line))
    .join('\n');
  return `${withoutTrusted.trimEnd()}\ntrusted = true\n`;
}

function distributionKey(nativeRoot: string, options: DistributionOptions): string {
  const hash = createHash('sha256').update(TOOL_VERSION).update(realpathSync(nativeRoot));
  for (const e of options.emulations) hash.update(`\0${e.name}\0${e.version}\0${emulationControl(e)}\0${e.script}`);
  hash.update(`\0${[...options.privileged].sort().join(',')}`);
  return hash.digest('hex').slice(0, 16);
}

/** Builds the shared part once per build, tool version and emulation set; later runs reuse it. */
async function ensureBaseDistribution(nativeRoot: string, target: string, options: DistributionOptions): Promise<void> {
  if (existsSync(path.join(target, '.complete'))) return;
  const staging = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.staging`;
  try {
    await linkTree(nativeRoot, staging);
    const extensionDir = extensionDirOf(staging);
    const available = await availableControls(extensionDir);
    for (const emulation of options.emulations) {
      if (available.has(emulation.name)) continue; // the build has the real one
      await writeAtomically(path.join(extensionDir, `${emulation.name}.control`), emulationControl(emulation));
      await writeAtomically(path.join(extensionDir, `${emulation.name}--${emulation.version}.sql`), emulation.script);
    }
    for (const name of options.privileged) {
      if (!available.has(name)) continue;
      const file = path.join(extensionDir, `${name}.control`);
      await writeAtomically(file, trustedControl(await fs.readFile(file, 'utf8')));
    }
    await fs.writeFile(path.join(staging, '.complete'), `${TOOL_VERSION}\n`);
    await fs.rename(staging, target).catch(async (err) => {
      if (!existsSync(path.join(target, '.complete'))) throw err; // another run finished first: use theirs
      await fs.rm(staging, { recursive: true, force: true });
    });
  } catch (err) {
    await fs.rm(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Install scripts for versions the migrations ask for, and empty update scripts between them. */
async function writeRequestedVersions(extensionDir: string, name: string, defaultVersion: string, script: string, versions: readonly string[]): Promise<void> {
  const all = [...new Set([defaultVersion, ...versions])];
  for (const version of all) {
    const install = path.join(extensionDir, `${name}--${version}.sql`);
    if (!existsSync(install)) await writeAtomically(install, script);
    for (const other of all) {
      if (other === version) continue;
      const update = path.join(extensionDir, `${name}--${version}--${other}.sql`);
      if (!existsSync(update)) await writeAtomically(update, `-- migration-gate: the emulation of ${name} is the same in every version\n`);
    }
  }
}

/**
 * Prepares the distribution the dry-run's server starts from. Returns the original binaries
 * untouched when their layout is not the embedded one (`bin/../share/postgresql/extension`).
 */
export async function preparePlatformDistribution(binaries: PostgresBinaries, options: DistributionOptions): Promise<PreparedDistribution> {
  const nativeRoot = path.dirname(binaries.binDir);
  const result: PreparedDistribution = { binaries, emulated: [], standIns: [], refused: [] };
  if (!existsSync(extensionDirOf(nativeRoot))) return result;

  const cacheRoot = options.cacheRoot ?? os.tmpdir();
  const target = path.join(cacheRoot, `migration-gate-pg-${binaries.majorVersion}-${distributionKey(nativeRoot, options)}`);
  await ensureBaseDistribution(nativeRoot, target, options);
  const extensionDir = extensionDirOf(target);
  const builtIn = await availableControls(extensionDirOf(nativeRoot));

  for (const request of options.requested) {
    const name = request.name;
    if (builtIn.has(name)) continue;
    if (badName(name, EXTENSION_NAME)) {
      result.refused.push({ name, reason: 'the name cannot be an extension control file' });
      continue;
    }
    const versions = request.versions.filter((v) => {
      if (!badName(v, EXTENSION_VERSION)) return true;
      result.refused.push({ name, reason: `version "${v}" cannot be an extension script name` });
      return false;
    });
    const emulation = options.emulations.find((e) => e.name === name);
    if (emulation) {
      if (!result.emulated.includes(name)) result.emulated.push(name);
      await writeRequestedVersions(extensionDir, name, emulation.version, emulation.script, versions);
      continue;
    }
    const defaultVersion = versions[0] ?? '1.0';
    const control = path.join(extensionDir, `${name}.control`);
    if (!existsSync(control)) await writeAtomically(control, standInControl(name, defaultVersion));
    await writeRequestedVersions(extensionDir, name, defaultVersion, `-- migration-gate: empty stand-in for ${name}\n`, versions);
    result.standIns.push(name);
  }
  // Emulations are present whether or not a migration names them (a preamble may create them).
  for (const emulation of options.emulations) {
    if (!builtIn.has(emulation.name) && !result.emulated.includes(emulation.name)) result.emulated.push(emulation.name);
  }
  return { ...result, binaries: { binDir: path.join(target, 'bin'), majorVersion: binaries.majorVersion } };
}
