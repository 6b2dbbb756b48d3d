import {
	FileText,
	History,
	type IconNode,
	Inbox,
	Kanban,
	MessageSquareText,
	ReceiptText,
	Settings,
	UsersRound,
	Wrench,
} from "lucide";
import { useLocation } from "preact-iso";
import { HeaderMenu } from "../shared/auth/HeaderMenu";
import { type Me, useSession } from "../shared/auth/session";
import { Icon } from "../shared/ui/Icon";
import { type BoardFeed, boardFeedFor } from "./board/boardFeed";
import { ConnectionStatus } from "./board/ConnectionStatus";
import { consolePath, isAdmin } from "./consoleApi";

type NavItem = { path: string; label: string; icon: IconNode; adminOnly?: boolean };

const NAV: NavItem[] = [
	{ path: "", label: "Board", icon: Kanban },
	{ path: "/inbox", label: "Inbox", icon: Inbox },
	{ path: "/estimates", label: "Estimates", icon: FileText },
	{ path: "/invoices", label: "Invoices", icon: ReceiptText },
	{ path: "/customers", label: "Customers", icon: UsersRound },
	{ path: "/technicians", label: "Technicians", icon: Wrench },
	{ path: "/surveys", label: "Surveys", icon: MessageSquareText },
	{ path: "/audit", label: "Audit log", icon: History },
	{ path: "/settings", label: "Settings", icon: Settings, adminOnly: true },
];

const ROLE_LABEL: Record<string, string> = { admin: "Admin", dispatcher: "Dispatcher" };

/** The signed-in staff member and the tenant's board feed, or null for anyone else. */
function useStaff(slug: string): { me: Me; feed: BoardFeed } | null {
	const session = useSession("d", slug);
	if (session.state.status !== "signed-in" || session.state.me.audience !== "staff") return null;
	return { me: session.state.me, feed: boardFeedFor(slug, () => void session.refresh()) };
}

/** "3 unread" as a red count; the server stops counting at 100. */
function UnreadBadge({ unread }: { unread: number }) {
	return (
		<span class="count-badge">
			{unread >= 100 ? "99+" : unread}
			<span class="visually-hidden"> unread</span>
		</span>
	);
}

/** The console's pages as links with their icons; Inbox carries the unread count. */
function NavLinks({ slug, me, feed }: { slug: string; me: Me; feed: BoardFeed }) {
	const { path } = useLocation();
	const unread = feed.unread.value;
	return (
		<ul>
			{NAV.filter((item) => !item.adminOnly || isAdmin(me.role)).map((item) => {
				const href = consolePath(slug, item.path);
				// The board is home: every job page belongs to it too.
				const current =
					item.path === "" ? path === href || path.startsWith(`${href}/jobs`) : path.startsWith(href);
				return (
					<li key={item.path}>
						<a href={href} aria-current={current ? "page" : undefined}>
							<Icon icon={item.icon} size={18} />
							<span>{item.label}</span>
							{item.path === "/inbox" && unread > 0 ? <UnreadBadge unread={unread} /> : null}
						</a>
					</li>
				);
			})}
		</ul>
	);
}

/** The navigation band under the header on wider screens (on phones it lives in the header's menu). */
export function ConsoleNav({ slug }: { slug: string }) {
	const staff = useStaff(slug);
	if (!staff) return null;
	return (
		<nav class="area-nav console-nav" aria-label="Console" data-app-nav>
			<div class="frame-row">
				<NavLinks slug={slug} {...staff} />
			</div>
		</nav>
	);
}

/** The end of the console's header: whether the board is live, and the menu (with the pages, on phones). */
export function ConsoleHeaderEnd({ slug }: { slug: string }) {
	const staff = useStaff(slug);
	if (!staff) return null;
	return (
		<div class="console-header-end">
			<ConnectionStatus feed={staff.feed} />
			<HeaderMenu
				area="d"
				slug={slug}
				roleLabel={ROLE_LABEL[staff.me.role] ?? staff.me.role}
				menuLabel="Menu"
				badge={staff.feed.unread.value > 0 ? <UnreadBadge unread={staff.feed.unread.value} /> : null}
				phoneNav={
					<nav aria-label="Console">
						<NavLinks slug={slug} {...staff} />
					</nav>
				}
			/>
		</div>
	);
}
