/**
 * Flame graphs: the profile editor and panel, Profile commands.
 * Called once from activate(); registers contributions only.
 */
import type { ExtensionServices } from '../services';
import { registerProfileCommands } from './profileCommands';

export function registerFlame(services: ExtensionServices): void {
  void services;
  registerProfileCommands(services);
}
