/**
 * Property tests run on one fixed seed, so a run is reproducible and CI cannot go red by the luck
 * of the draw; set FC_SEED to explore others (a failure prints the seed and path to replay it).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261203) });
