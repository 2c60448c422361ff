// The normalised image reference lives in core, shared with the SBOM's container collectors.
export { canonicalRepository, displayRepository, type ImageReference, parseImageReference } from '@shipshape/core';
