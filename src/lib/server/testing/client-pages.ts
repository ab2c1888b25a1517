import fs from 'node:fs';
import path from 'node:path';
import { CLIENT_PAGE_FOLDERS } from '../../client-facing.ts';

/** The project's root folder. */
export const ROOT = path.resolve(import.meta.dirname, '../../../..');

const filesUnder = (folder: string): string[] =>
	fs.statSync(path.join(ROOT, folder)).isFile()
		? [folder]
		: fs
				.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
				.filter((file) => /\.(svelte|ts)$/.test(file) && !file.endsWith('.test.ts'))
				.map((file) => path.join(folder, file));

/** A module's imports inside the project (#lib/… and relative), never server code or the generated messages. */
function importsOf(file: string, source: string): string[] {
	const found: string[] = [];
	for (const [, target] of source.matchAll(/(?:import|from)\s*['"]([^'"]+)['"]/g)) {
		if (!target || target.includes('paraglide')) continue;
		const resolved = target.startsWith('#lib/')
			? path.join('src/lib', target.slice(5))
			: target.startsWith('.')
				? path.join(path.dirname(file), target)
				: null;
		if (!resolved || resolved.includes(`${path.sep}server${path.sep}`)) continue;
		const full = path.join(ROOT, resolved);
		if (fs.existsSync(full) && fs.statSync(full).isFile()) found.push(resolved);
	}
	return found;
}

/**
 * Every file a client page is made of (src/lib/client-facing.ts): the client pages and every
 * module they import, followed to the end, as paths from the project root.
 */
export function clientPageFiles(): string[] {
	const seen = new Set<string>();
	const queue = CLIENT_PAGE_FOLDERS.flatMap(filesUnder);
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		queue.push(...importsOf(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
	}
	return [...seen].sort();
}

export const readSource = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
