import type { ComponentChildren } from "preact";
import { SessionGate } from "../shared/auth/SessionGate";
import type { Me } from "../shared/auth/session";
import type { Branding } from "../shared/branding";

/** What PortalApp gives every page route. */
export type PortalRouteProps = { slug: string; branding: Branding; query?: Record<string, string> };

type Props = { slug: string; branding: Branding; children: (me: Me) => ComponentChildren };

/** A signed-in page of the portal: its content for a signed-in customer, the sign-in form otherwise. */
export function PortalPage({ slug, branding, children }: Props) {
	return (
		<main class="frame-row app-main">
			<SessionGate area="c" slug={slug} tenantName={branding.name}>
				{children}
			</SessionGate>
		</main>
	);
}
