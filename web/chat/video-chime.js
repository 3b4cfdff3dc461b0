// Joins an Amazon Connect video contact (StartWebRTCContact's ConnectionData) with the Amazon
// Chime SDK. `sdk` is the separately built bundle (vendor/amazon-chime-sdk.js), imported only when
// a call starts; it is passed in, so this module stays small and can be tried with a stand-in.
import { AUDIO_MAX_BITRATE } from './video-peer.js';

/** Sign language: 720p at 30 frames per second sent, most of the bandwidth to video, a narrow voice channel. */
export const CHIME_VIDEO = { width: 1280, height: 720, frameRate: 30, maxBandwidthKbps: 1500 };

/**
 * `stream`: the camera (and microphone) the pre-call check opened. `onEvent` gets
 * 'counselor-joined' (another attendee is present), 'connected' and ('ended', reason).
 */
export async function joinChimeCall(sdk, connectionData, { stream, remoteVideo, localVideo, audioElement, onEvent }) {
  const logger = new sdk.ConsoleLogger('sign-language-video', sdk.LogLevel.WARN);
  const devices = new sdk.DefaultDeviceController(logger, { enableWebAudio: false });
  const configuration = new sdk.MeetingSessionConfiguration({ Meeting: connectionData.Meeting }, { Attendee: connectionData.Attendee });
  const session = new sdk.DefaultMeetingSession(configuration, logger, devices);
  const av = session.audioVideo;
  const self = connectionData.Attendee.AttendeeId;

  av.chooseVideoInputQuality(CHIME_VIDEO.width, CHIME_VIDEO.height, CHIME_VIDEO.frameRate);
  av.setVideoMaxBandwidthKbps(CHIME_VIDEO.maxBandwidthKbps);
  av.setAudioProfile(new sdk.AudioProfile(AUDIO_MAX_BITRATE));
  av.addObserver({
    videoTileDidUpdate: (tile) => {
      if (!tile.boundAttendeeId || tile.isContent) return;
      av.bindVideoElement(tile.tileId, tile.localTile ? localVideo : remoteVideo);
    },
    audioVideoDidStart: () => onEvent('connected'),
    audioVideoDidStop: (status) => onEvent('ended', status.statusCode()),
  });
  av.realtimeSubscribeToAttendeeIdPresence((attendeeId, present) => {
    if (attendeeId !== self && present) onEvent('counselor-joined');
  });
  if (stream.getAudioTracks().length > 0) await av.startAudioInput(stream);
  await av.startVideoInput(stream);
  await av.bindAudioElement(audioElement);
  av.start();
  av.startLocalVideoTile();
  return {
    audioVideo: av,
    stop() {
      av.stopLocalVideoTile();
      av.stop();
    },
  };
}
