import type { Locale } from "../../../schema/locales";
import type { ContactRole, NotifyPrefsJson } from "../../../schema/tables/accounts";
import { can, seesWholeAccount } from "../customers/permissions";
import { parseLocationIds } from "../sign-in/identities";

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

/** The locations a contact is scoped to, as read with them (their one location otherwise). */
export const locationsOf = (c: AccountContact): string[] =>
	c.locationIdsJson === undefined
		? c.locationId
			? [c.locationId]
			: []
		: parseLocationIds(c.locationIdsJson);

/**
 * Who a shared estimate is emailed to: its contact when it has one; otherwise everyone who may
 * answer it (customers/permissions) and sees it: those who see the whole account (admins), and
 * the others of its location (all of them when it has none). Blocked contacts get nothing.
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
				can(c, "estimates.decide") &&
				(seesWholeAccount(c.role, "estimates") ||
					estimate.locationId === null ||
					locationsOf(c).includes(estimate.locationId)),
		)
		.sort((a, b) => a.name.localeCompare(b.name));
}
