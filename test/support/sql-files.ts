import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The texts of every `.sql` file under `folder`, at any depth, in the order of their sorted paths.
 * Folders named like SQL files (discovery's fixtures have one) are not files.
 */
export function sqlTextsUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.sql'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .map((file) => readFileSync(file, 'utf8'));
}
