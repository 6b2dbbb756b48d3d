import type { Locale } from "../../../schema/locales";
import type { ContactRole, NotifyPrefsJson } from "../../../schema/tables/accounts";

/** A contact of the estimate's account, as the share email needs them. */
export type AccountContact = {
	id: string;
	name: string;
	email: string;
	role: ContactRole;
	locationId: string | null;
	/** Their locations as `contactLocationIdsJson` reads them, when read. */
	locationIdsJson?: string | null;
	blockedAt: number | null;
	locale: Locale | null;
	notifyPrefs: NotifyPrefsJson;
};

/**
 * Who a shared estimate is emailed to: its contact when it has one; otherwise every admin of the
 * account and every booker of its location (of the whole account when it has none). Blocked
 * contacts get nothing.
 */
export function shareRecipients(
	estimate: { contactId: string | null; locationId: string | null },
	accountContacts: readonly AccountContact[],
): AccountContact[] {
	const open = accountContacts.filter((c) => c.blockedAt === null);
	if (estimate.contactId) return open.filter((c) => c.id === estimate.contactId);
	return open
		.filter(
			(c) =>
				c.role === "admin" ||
				(c.role === "booker" && (estimate.locationId === null || c.locationId === estimate.locationId)),
		)
		.sort((a, b) => a.name.localeCompare(b.name));
}
