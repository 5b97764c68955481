/* Following execve in the image: the process side of the launch channel
 * (launch_channel.h). */
#ifndef SYSTRAP_IMAGE_EXEC_HANDOFF_H
#define SYSTRAP_IMAGE_EXEC_HANDOFF_H

/* Maps the channel SYSTRAP_LAUNCHER names and hands the core its execve
 * handoff (intercept_set_exec_handoff). Without a channel, an execve runs
 * the new program without the image. At start-up. */
void exec_handoff_start(void);

#endif
