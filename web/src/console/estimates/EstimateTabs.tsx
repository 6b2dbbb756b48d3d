import { consolePath } from "../consoleApi";

/** Estimates and the quote requests customers sent, side by side under one heading. */
export function EstimateTabs({ slug, current }: { slug: string; current: "estimates" | "requests" }) {
	return (
		<nav aria-label="Estimates and quote requests">
			<ul class="segmented est-tabs">
				<li>
					<a
						href={consolePath(slug, "/estimates")}
						aria-current={current === "estimates" ? "page" : undefined}
					>
						Estimates
					</a>
				</li>
				<li>
					<a
						href={consolePath(slug, "/estimates/requests")}
						aria-current={current === "requests" ? "page" : undefined}
					>
						Quote requests
					</a>
				</li>
			</ul>
		</nav>
	);
}
