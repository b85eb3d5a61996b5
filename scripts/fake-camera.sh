#!/bin/sh
# Makes the browser tests' fake camera from the sample clip: a Y4M that chromium plays as a webcam with
#   --use-fake-device-for-media-stream --use-file-for-fake-video-capture=FILE.y4m
# Chromium plays the file at the file's own frame rate, so it is made at 30 fps (each of the clip's 10 fps
# frames shown three times): made at 10 fps, no processing rate above 10 could be measured
# (../shared/notes/video.md). 640×480 by default, the size the webcam page asks for.
# Usage: scripts/fake-camera.sh OUT.y4m [WIDTH HEIGHT FPS]
set -eu
OUT=${1:?usage: fake-camera.sh OUT.y4m [WIDTH HEIGHT FPS]}
WIDTH=${2:-640}
HEIGHT=${3:-480}
FPS=${4:-30}
CLIP="$(dirname "$0")/../data/clips/street.mp4"

ffmpeg -v error -y -i "$CLIP" -vf "scale=$WIDTH:$HEIGHT,fps=$FPS" -pix_fmt yuv420p -f yuv4mpegpipe "$OUT"
