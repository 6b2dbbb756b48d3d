import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import { SessionGate } from "../shared/auth/SessionGate";
import { type Me, useSession } from "../shared/auth/session";
import type { Branding } from "../shared/branding";
import { type BoardFeed, boardFeedFor } from "./board/boardFeed";
import { ConnectionStatus } from "./board/ConnectionStatus";
import { consolePath, isAdmin } from "./consoleApi";

/** What ConsoleApp gives every page route. */
export type ConsoleRouteProps = { slug: string; branding: Branding; query?: Record<string, string> };

/** What a signed-in page gets: who is signed in and the tenant's live board feed. */
export type ConsoleContext = { me: Me; feed: BoardFeed; slug: string; branding: Branding };

type Props = {
	slug: string;
	branding: Branding;
	/** The page's name, for the window title. */
	title: string;
	children: (context: ConsoleContext) => ComponentChildren;
};

const NAV = [
	{ path: "", label: "Board" },
	{ path: "/inbox", label: "Inbox" },
	{ path: "/estimates", label: "Estimates" },
	{ path: "/customers", label: "Customers" },
	{ path: "/technicians", label: "Technicians" },
	{ path: "/audit", label: "Audit log" },
	{ path: "/settings", label: "Settings", adminOnly: true },
] as const;

function ConsoleNav({ slug, me, feed }: { slug: string; me: Me; feed: BoardFeed }) {
	const { path } = useLocation();
	const unread = feed.unread.value;
	return (
		<nav class="console-nav" aria-label="Console">
			<ul>
				{NAV.filter((item) => !("adminOnly" in item) || isAdmin(me.role)).map((item) => {
					const href = consolePath(slug, item.path);
					const current = item.path === "" ? path === href : path.startsWith(href);
					return (
						<li key={item.path}>
							<a href={href} aria-current={current ? "page" : undefined}>
								{item.label}
								{item.path === "/inbox" && unread > 0 ? (
									<span class="count-badge">
										{/* The server stops counting at 100. */}
										{unread >= 100 ? "99+" : unread}
										<span class="visually-hidden"> unread</span>
									</span>
								) : null}
							</a>
						</li>
					);
				})}
			</ul>
			<ConnectionStatus feed={feed} />
		</nav>
	);
}

function SignedIn({
	slug,
	branding,
	title,
	me,
	children,
}: Omit<Props, "children"> & {
	me: Me;
	children: Props["children"];
}) {
	const session = useSession("d", slug);
	const feed = boardFeedFor(slug, () => void session.refresh());
	const headingHolder = useRef<HTMLDivElement>(null);
	useEffect(() => feed.acquire(), [feed]);
	useEffect(() => {
		document.title = `${title} · ${branding.name} dispatch`;
	}, [title, branding.name]);
	// After moving between pages, start reading at the new page's heading.
	useEffect(() => {
		if (document.activeElement?.closest(".console-nav")) {
			const h1 = headingHolder.current?.querySelector<HTMLElement>("h1");
			if (h1) {
				h1.tabIndex = -1;
				h1.focus();
			}
		}
	}, []);
	return (
		<div class="console">
			<ConsoleNav slug={slug} me={me} feed={feed} />
			<div class="console-main" ref={headingHolder}>
				{children({ me, feed, slug, branding })}
			</div>
		</div>
	);
}

/** A signed-in page of the console: the nav with the live connection, then the page; sign-in otherwise. */
export function ConsolePage({ slug, branding, title, children }: Props) {
	return (
		<main class="page console-page">
			<SessionGate area="d" slug={slug} tenantName={branding.name}>
				{(me) =>
					me.audience === "staff" ? (
						<SignedIn slug={slug} branding={branding} title={title} me={me}>
							{children}
						</SignedIn>
					) : null
				}
			</SessionGate>
		</main>
	);
}
