/**
 * Small browser scripts that pages load with a plain <script src defer> where SvelteKit's client
 * does not run (the participant pages: decisions 017 and 023). Written in TypeScript beside the
 * code they share with the server, and bundled here into one self-contained, minified script per
 * URL, so the browser runs the same rules as the server instead of a hand-kept copy. Served at the
 * same URL as a file in static/ would be: by `vite dev` on request (built from the source as it is
 * now), and in a build as a file at the root of the client output, where adapter-node serves and
 * precompresses it like static/'s files.
 */
import { build, type Plugin } from 'vite';

/** URL → entry module, relative to the project's root. */
export const STATIC_SCRIPTS: Readonly<Record<string, string>> = {
	'/enable-when.js': 'src/static-scripts/enable-when.ts'
};

/** The script served for an entry module: it and what it imports, as one minified IIFE. */
export async function bundleStaticScript(entry: string, root = process.cwd()): Promise<string> {
	const result = await build({
		configFile: false,
		root,
		logLevel: 'silent',
		publicDir: false,
		envDir: false,
		build: {
			write: false,
			emptyOutDir: false,
			minify: true,
			copyPublicDir: false,
			lib: { entry, formats: ['iife'], name: 'tweespraakScript' }
		}
	});
	const outputs = (Array.isArray(result) ? result : [result]).flatMap((each) => ('output' in each ? each.output : []));
	const chunk = outputs.find((output) => output.type === 'chunk' && output.isEntry);
	if (!chunk || chunk.type !== 'chunk') throw new Error(`bundling ${entry} gave no script`);
	return chunk.code;
}

export function staticScripts(scripts: Readonly<Record<string, string>> = STATIC_SCRIPTS): Plugin {
	let root = process.cwd();
	return {
		name: 'tweespraak:static-scripts',
		configResolved(config) {
			root = config.root;
		},
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				const entry = scripts[(req.url ?? '').split('?')[0]!];
				if (!entry) return next();
				bundleStaticScript(entry, root).then((code) => {
					res.setHeader('content-type', 'text/javascript; charset=utf-8');
					res.setHeader('cache-control', 'no-cache');
					res.end(code);
				}, next);
			});
		},
		async generateBundle() {
			if (this.environment?.config.consumer !== 'client') return;
			for (const [url, entry] of Object.entries(scripts)) {
				this.emitFile({ type: 'asset', fileName: url.slice(1), source: await bundleStaticScript(entry, root) });
			}
		}
	};
}
