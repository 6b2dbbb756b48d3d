import { Route, Router } from "preact-iso";
import { NotFoundPage } from "../shared/NotFoundPage";
import { ConfirmStartPage } from "./ConfirmStartPage";
import { StartPage } from "./StartPage";

/** `/start`: the sign-up outside any tenant, a chunk of its own. */
export function StartApp() {
	return (
		<Router>
			<Route path="/" component={StartPage} />
			<Route path="/confirm" component={ConfirmStartPage} />
			<Route default component={NotFoundPage} />
		</Router>
	);
}
