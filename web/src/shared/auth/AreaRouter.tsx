import type { VNode } from "preact";
import { Route, Router } from "preact-iso";
import { NotFoundPage } from "../NotFoundPage";
import { AccountBar } from "./AccountBar";
import type { Area } from "./session";
import { VerifyLink } from "./VerifyLink";

type Props = {
	area: Area;
	slug: string;
	tenantName: string;
	/** The app's own routes, with paths relative to `/{area}/:slug`. */
	children: VNode | VNode[];
};

/** One area's nested router: its own routes plus the sign-in link page, under the account bar. */
export function AreaRouter({ area, slug, tenantName, children }: Props) {
	return (
		<>
			<AccountBar area={area} slug={slug} />
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
