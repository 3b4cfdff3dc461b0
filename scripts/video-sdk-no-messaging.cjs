// Stands in for @aws-sdk/client-chime-sdk-messaging in the citizen page's Chime SDK bundle
// (scripts/video-sdk-bundle.ts): an Amazon Connect video call never opens a messaging session.
module.exports = {};
