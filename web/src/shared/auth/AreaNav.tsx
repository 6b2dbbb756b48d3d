import type { IconNode } from "lucide";
import { useLocation } from "preact-iso";
import { t } from "../i18n/i18n";
import { Icon } from "../ui/Icon";
import { type Area, type Me, useSession } from "./session";

/** One entry of an area's main navigation; `href` is absolute (`/c/acme-courier/jobs`). */
export type NavLink = {
	href: string;
	label: string;
	icon?: IconNode;
	/** What a phone shows under the icon when `label` is too long for a tab ("Book"); the link's name stays `label`. */
	short?: string;
};

type Props = { area: Area; slug: string; links: (me: Me) => NavLink[] };

/** The area's main navigation, shown once someone is signed in; marks the page they are on. */
export function AreaNav({ area, slug, links }: Props) {
	const session = useSession(area, slug);
	const { path } = useLocation();
	if (session.state.status !== "signed-in") return null;
	const shown = links(session.state.me);
	if (shown.length === 0) return null;
	// The longest matching prefix wins, so "/jobs/1" marks "Jobs" and not "Home".
	const current = shown
		.filter((l) => path === l.href || path.startsWith(`${l.href}/`))
		.sort((a, b) => b.href.length - a.href.length)[0];
	return (
		<nav class="area-nav" aria-label={t("nav.main")}>
			<ul class="frame-row">
				{shown.map((link) => (
					<li key={link.href}>
						<a
							href={link.href}
							aria-current={link === current ? "page" : undefined}
							aria-label={link.short ? link.label : undefined}
						>
							{link.icon ? <Icon icon={link.icon} size={18} /> : null}
							{link.short ? (
								<>
									<span class="nav-label-long">{link.label}</span>
									<span class="nav-label-short">{link.short}</span>
								</>
							) : (
								link.label
							)}
						</a>
					</li>
				))}
			</ul>
		</nav>
	);
}
