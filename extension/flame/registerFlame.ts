/**
 * Flame graphs: the profile editor and panel, Profile commands.
 * Called once from activate(); registers contributions only.
 */
import type { ExtensionServices } from '../services';

export function registerFlame(services: ExtensionServices): void {
  void services;
}
