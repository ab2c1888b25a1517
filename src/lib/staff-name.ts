import type { ClientLocale } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';

/** A staff member as the records name them: their name, or the number they got when their account was deleted. */
export interface StaffName {
	name: string;
	/** Set once an admin deleted the account (docs/decisions/011-data-lifecycle.md): "former staff member N". */
	formerNumber: number | null;
}

/**
 * How a staff member appears wherever they acted: their name, or "voormalig medewerker N" /
 * "former staff member N" once their account was deleted. Without `locale`, the page's language.
 */
export function staffDisplayName(person: StaffName | null | undefined, locale?: ClientLocale): string {
	if (!person) return '';
	if (person.formerNumber !== null) return m.staff_former_member({ number: person.formerNumber }, locale ? { locale } : {});
	return person.name;
}
