#!/bin/sh
# Makes data/clips/street.mp4 again from Debian's opencv-doc package (apt-get install opencv-doc ffmpeg):
# seconds 50.5 to 53.5 of vtest.avi, 768×576 at 10 fps, as H.264 in MP4 that browsers play. The same ffmpeg
# (Debian 12's 5.1) gives the same bytes; data/README.md records the source, the licence and the checksum.
set -eu
SOURCE=${1:-/usr/share/doc/opencv-doc/examples/data/vtest.avi}
OUT=${2:-"$(dirname "$0")/../data/clips/street.mp4"}

if [ ! -f "$SOURCE" ]; then
  echo "sample-clip: $SOURCE not found; install Debian's opencv-doc package (apt-get install opencv-doc)" >&2
  exit 1
fi
ffmpeg -v error -y -ss 50.5 -i "$SOURCE" -t 3 -an -c:v libx264 -preset slow -crf 20 -pix_fmt yuv420p \
  -movflags +faststart "$OUT"
echo "sample-clip: wrote $OUT"
