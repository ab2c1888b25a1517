import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Folders that hold generated code, not the app's own source. */
const GENERATED = new Set(['paraglide', 'node_modules']);

/**
 * Every file under `dir` whose name `keep` accepts, depth first. The class-guard tests (every
 * route redirects after a post, every PDF goes through one module, every button names what it
 * acts on) walk the source tree with this one function, so none of them can skip a folder
 * another one reads.
 */
export function sourceFiles(dir: string, keep: (name: string) => boolean): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return GENERATED.has(entry.name) ? [] : sourceFiles(full, keep);
		return keep(entry.name) ? [full] : [];
	});
}
