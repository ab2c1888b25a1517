import fs from 'node:fs';
import { openContext, buildRunningConversations } from './bench/fixtures.mjs';
import { makeTempDir, runCleanups, startServer } from './bench/lib.mjs';
import { joinOverHttp } from './bench/page-weight.mjs';
import { PARTICIPANT_PAGE } from './bench/ratings.mjs';
const dataDir = makeTempDir('dump');
const server = await startServer({ port: 4397, dataDir });
const ctx = await openContext({ dataDir });
try {
	const [conversation] = await buildRunningConversations(ctx, { count: 1, participants: 1, claimed: 0 });
	const cookie = await joinOverHttp(server.base, conversation);
	const res = await fetch(`${server.base}${PARTICIPANT_PAGE}`, { headers: { cookie: cookie.split(';')[0] } });
	fs.writeFileSync('/tmp/benchtmp/rating.html', await res.text());
} finally {
	await ctx.database.destroy();
	await server.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
	await runCleanups();
}
