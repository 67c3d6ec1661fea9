/**
 * One wording for "not in a restricted workspace", used wherever DDIA Labs would run code from
 * the workspace (lab cells, the exported grade() API, profiling a script), so the user reads the
 * same reason and the same way out everywhere. No `vscode` import: callers pass what they check.
 */
export function restrictedModeMessage(action: string): string {
  return `This workspace is not trusted, so DDIA Labs runs no code in it. Trust the folder (Manage Workspace Trust) to ${action}.`;
}

export class RestrictedModeError extends Error {
  constructor(action: string) {
    super(restrictedModeMessage(action));
    this.name = 'RestrictedModeError';
  }
}

/** Throws a RestrictedModeError unless `isTrusted` (pass `vscode.workspace.isTrusted`). */
export function requireWorkspaceTrust(isTrusted: boolean, action: string): void {
  if (!isTrusted) throw new RestrictedModeError(action);
}
