import { formatDateTime } from "../../shared/tenantTime";
import { consolePath } from "../consoleApi";
import { type Contact, contactPagePath, ROLE_LABEL } from "./customerTypes";

type Props = {
	slug: string;
	contacts: Contact[];
	timeZone: string;
	locationName?: (id: string) => string | undefined;
};

/** Contacts with their role, location, last sign-in and whether they are blocked; each links to its page. */
export function ContactList({ slug, contacts, timeZone, locationName }: Props) {
	if (!contacts.length) return <p class="muted">No contacts.</p>;
	return (
		<ul class="plain-list contact-list">
			{contacts.map((c) => {
				const location = c.locationId ? locationName?.(c.locationId) : undefined;
				return (
					<li key={c.id}>
						<a href={consolePath(slug, contactPagePath(c.id))}>{c.name}</a>{" "}
						<span class="tag tag-neutral">{ROLE_LABEL[c.role] ?? c.role}</span>{" "}
						{c.blocked ? <span class="tag tag-blocked">Blocked</span> : null}
						<br />
						<span class="muted">
							{c.email}
							{location ? ` · ${location}` : ""}
							{" · "}
							{c.lastSignInAt
								? `last signed in ${formatDateTime(c.lastSignInAt, timeZone)}`
								: "never signed in"}
						</span>
					</li>
				);
			})}
		</ul>
	);
}
