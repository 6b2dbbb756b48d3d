import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { SessionGate } from "../shared/auth/SessionGate";
import { type Me, useSession } from "../shared/auth/session";
import type { Branding } from "../shared/branding";
import { type BoardFeed, boardFeedFor } from "./board/boardFeed";

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
	// After moving between pages from the navigation (or its menu), start reading at the new page's heading.
	useEffect(() => {
		if (document.activeElement?.closest("[data-app-nav]")) {
			const h1 = headingHolder.current?.querySelector<HTMLElement>("h1");
			if (h1) {
				h1.tabIndex = -1;
				h1.focus();
			}
		}
	}, []);
	return (
		<div class="console" ref={headingHolder}>
			{children({ me, feed, slug, branding })}
		</div>
	);
}

/** A signed-in page of the console (the header carries its navigation and live state); sign-in otherwise. */
export function ConsolePage({ slug, branding, title, children }: Props) {
	return (
		<main class="frame-row app-main console-main">
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
