import type { VNode } from "preact";
import { Route, Router } from "preact-iso";
import { NotFoundPage } from "../NotFoundPage";
import { AccessEndedNotice } from "./AccessEndedNotice";
import { AccountBar } from "./AccountBar";
import { AreaNav, type NavLink } from "./AreaNav";
import type { Area, Me } from "./session";
import { VerifyLink } from "./VerifyLink";

type Props = {
	area: Area;
	slug: string;
	tenantName: string;
	/** The area's main navigation, shown while signed in. */
	nav?: (me: Me) => NavLink[];
	/** The app lays out the account bar and navigation itself (in its header). */
	bare?: boolean;
	/** The tenant's phone, for the notice that access ended ("call Acme Courier on …"). */
	supportPhone?: string | null;
	/** The app's own routes, with paths relative to `/{area}/:slug`. */
	children: VNode | VNode[];
};

/** One area's nested router: its own routes plus the sign-in link page, under the account bar and nav. */
export function AreaRouter({
	area,
	slug,
	tenantName,
	supportPhone = null,
	nav = () => [],
	bare = false,
	children,
}: Props) {
	return (
		<>
			<AccessEndedNotice area={area} slug={slug} tenantName={tenantName} supportPhone={supportPhone} />
			{bare ? null : <AccountBar area={area} slug={slug} />}
			{bare ? null : <AreaNav area={area} slug={slug} links={nav} />}
			<Router>
				{children}
				<Route
					path="/sign-in/verify"
					component={VerifyLink}
					area={area}
					slug={slug}
					tenantName={tenantName}
				/>
				<Route default component={NotFoundPage} />
			</Router>
		</>
	);
}
