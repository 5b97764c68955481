// A Go program linked with cgo (so it loads LD_PRELOAD objects) that does
// what made systrap hang or crash (issue 16): a child run with os/exec (a
// CLONE_VM|CLONE_VFORK child that resets every signal handler before exec),
// signal.Notify and SIGUSR1 sent to itself in a loop, goroutines making
// syscalls on several threads (small goroutine stacks, each thread with
// Go's 32 KiB alternate signal stack), and a locked thread that exits (Go
// then disables that thread's alternate stack with sigaltstack). Its output
// is deterministic; it exits with status 3.
package main

/*
#include <unistd.h>
static long c_getppid(void) { return (long)getppid(); }
*/
import "C"

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
)

const rounds = 20
const workers = 8
const callsPerWorker = 200

func main() {
	if C.c_getppid() != C.long(os.Getppid()) {
		fmt.Println("cgo getppid differs")
	}
	out, err := exec.Command("/bin/echo", "child").Output()
	if err != nil {
		fmt.Println("exec:", err)
		os.Exit(2)
	}
	fmt.Print("child said: ", string(out))

	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGUSR1)
	got := 0
	for i := 0; i < rounds; i++ {
		syscall.Kill(os.Getpid(), syscall.SIGUSR1)
		if s := <-ch; s == syscall.SIGUSR1 {
			got++
		}
	}
	fmt.Println("signals received:", got)

	var wg sync.WaitGroup
	results := make([]int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			// Every other worker keeps a thread of its own, and leaves
			// it locked: the thread exits when the goroutine does.
			if w%2 == 0 {
				runtime.LockOSThread()
			}
			var fds [2]int
			if err := syscall.Pipe(fds[:]); err != nil {
				return
			}
			buf := make([]byte, 1)
			for i := 0; i < callsPerWorker; i++ {
				var st syscall.Stat_t
				if syscall.Getppid() <= 0 || syscall.Stat("/", &st) != nil {
					return
				}
				if n, _ := syscall.Write(fds[1], []byte{byte(i)}); n != 1 {
					return
				}
				if n, _ := syscall.Read(fds[0], buf); n != 1 || buf[0] != byte(i) {
					return
				}
				results[w]++
			}
			syscall.Close(fds[0])
			syscall.Close(fds[1])
		}(w)
	}
	wg.Wait()
	for w := 0; w < workers; w++ {
		fmt.Printf("worker %d: %d calls\n", w, results[w])
	}
	out, err = exec.Command("/bin/sh", "-c", "echo again; exit 4").Output()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 4 {
		fmt.Println("second child:", err)
	}
	fmt.Print("second child said: ", string(out))
	os.Exit(3)
}
