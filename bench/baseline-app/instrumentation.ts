/**
 * The baseline app's own (empty) instrumentation hook. Without it Next picks up Portico's from the repository root
 * (Turbopack's root is the repository) and the baseline would run Portico's start-up: migrations, sweepers, checks.
 */
export function register(): void {}
