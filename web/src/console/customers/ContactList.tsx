import { Ban } from "lucide";
import { initials } from "../../shared/auth/HeaderMenu";
import { formatDateTime } from "../../shared/tenantTime";
import { consolePath } from "../consoleApi";
import { Tag } from "../Tag";
import { type Contact, contactPagePath, ROLE_LABEL } from "./customerTypes";

type Props = {
	slug: string;
	contacts: Contact[];
	timeZone: string;
	locationName?: (id: string) => string | undefined;
};

/** Contacts with their role, location, last sign-in and whether they are blocked; each links to its page. */
export function ContactList({ slug, contacts, timeZone, locationName }: Props) {
	if (!contacts.length) return <p class="muted">No contacts yet.</p>;
	return (
		<ul class="plain-list contact-list">
			{contacts.map((c) => {
				const location = c.locationId ? locationName?.(c.locationId) : undefined;
				return (
					<li key={c.id} class="contact-row">
						<span class="avatar" aria-hidden="true">
							{initials(c.name)}
						</span>
						<div class="contact-main">
							<a href={consolePath(slug, contactPagePath(c.id))}>{c.name}</a>{" "}
							<Tag tone="neutral">{ROLE_LABEL[c.role] ?? c.role}</Tag>{" "}
							{c.blocked ? (
								<Tag tone="danger" icon={Ban}>
									Blocked
								</Tag>
							) : null}
						</div>
						<p class="contact-detail">
							{c.email}
							{location ? ` · ${location}` : ""}
							{" · "}
							{c.lastSignInAt
								? `last signed in ${formatDateTime(c.lastSignInAt, timeZone)}`
								: "never signed in"}
						</p>
					</li>
				);
			})}
		</ul>
	);
}
