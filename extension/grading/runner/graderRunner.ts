/**
 * Entry of dist/grader-runner.js, the one file a grading child process loads from us. The grader
 * starts the child as
 *
 *   node --enable-source-maps --require dist/grader-runner.js \
 *        --test-reporter=dist/grader-runner.js --test-reporter-destination=stdout <test file>
 *
 * As a preload it registers the TypeScript hook; as a reporter module (node:test imports it and
 * takes the module's default export, which for this CommonJS bundle is `module.exports`) it is
 * the reporter function. Node caches the module, so the hook is registered once.
 */
import * as sdk from '../../sdk/index';
import graderReporter, { announceReady } from './reporter';
import { registerSdkModule, registerTypeScriptHook } from './tsRequireHook';

registerTypeScriptHook();
registerSdkModule(sdk);
announceReady();

export = graderReporter;
