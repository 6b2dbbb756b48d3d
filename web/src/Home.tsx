/** The bare domain: what this is, and where the demo portals live. */
export function Home() {
	return (
		<main class="page narrow">
			<h1>Fleet Portal</h1>
			<p>Self-serve booking, history and live tracking for the customers of small dispatch fleets.</p>
			<h2>Demo portals</h2>
			<ul class="link-list">
				<li>
					<a href="/c/acme-courier">Acme Courier — customer portal</a>
				</li>
				<li>
					<a href="/c/bayside-plumbing">Bayside Plumbing — customer portal</a>
				</li>
				<li>
					<a href="/d/acme-courier">Acme Courier — dispatcher console</a>
				</li>
				<li>
					<a href="/t/acme-courier">Acme Courier — technician app</a>
				</li>
			</ul>
		</main>
	);
}
