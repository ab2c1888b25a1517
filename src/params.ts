import { defineParams } from '@sveltejs/kit/params';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Route matchers: `[collaborationId=id]`. Anything but a record id is a 404 before any database work. */
export const params = defineParams({
	id: (param) => (UUID.test(param) ? param : undefined)
});
