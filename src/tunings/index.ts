// Public surface of tunings.
export {
  Tunings,
  tuningJobOf,
  type ListTuningJobsParams,
  type TuneParams,
  type TuningConfig,
  type TuningJob,
  type TuningJobHandle,
  type TuningJobRef,
  type TuningJobState,
} from './tunings.js';
