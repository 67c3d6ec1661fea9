/**
 * Perf checks: the USE dashboard panel, benchmark commands.
 * Called once from activate(); registers contributions only.
 */
import type { ExtensionServices } from '../services';

export function registerPerfViews(services: ExtensionServices): void {
  void services;
}
