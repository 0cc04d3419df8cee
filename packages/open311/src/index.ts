export {
  exportRequests,
  type RequestExport,
  type RequestExportOptions,
  type RequestSubject,
  type WithheldRequest,
} from './exportRequests';
export {
  exportServices,
  type ImportServiceOptions,
  importServices,
  type ServiceOptions,
} from './exportServices';
export { fitDescription, maxDescriptionLength } from './fitDescription';
export {
  formatErrors,
  formatPostedRequests,
  formatRequests,
  formatServiceDefinition,
  formatServices,
  type GeoReportError,
  type GeoReportFormat,
  type PostedRequest,
  parseErrors,
  parsePostedRequests,
  parseRequests,
  parseServices,
} from './formatGeoReport';
export {
  type ExtendedStatus,
  ExtendedStatusSchema,
  type GeoReportRequest,
  type GeoReportRequestInput,
  GeoReportRequestSchema,
  type GeoReportService,
  GeoReportServiceSchema,
} from './geoReport';
export {
  closureReasonOf,
  type RequestImportContext,
  RequestImportContextSchema,
  requestStatus,
  requestToReport,
} from './importRequests';
export { statusOfExtended } from './normalizeGeoReport';
export {
  type PostedReportDraft,
  type PostedRequestInput,
  type PostedRequestOptions,
  PostedRequestSchema,
  postedRequestToDraft,
} from './postedRequestToDraft';
export {
  maxRequests,
  parseRequestQuery,
  type RequestQuery,
  type RequestQueryInput,
  RequestQuerySchema,
  requestWindowDays,
  selectRequests,
} from './selectRequests';
