// A static Go program (CGO_ENABLED=0) whose threads exit as fast as Go
// makes new ones: 100 rounds of 4 goroutines that lock their thread and
// end (so the thread exits, and Go frees its stack, which a new thread
// may get at once); exits 7. Under systrap-trace -f on main 11f5115 it
// died 3 times in 40 (SIGSEGV, SIGTRAP): docs/PERFORMANCE.md, "Go's
// thread exits".
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"syscall"
)

func main() {
	total := 0
	for round := 0; round < 100; round++ {
		var wg sync.WaitGroup
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				runtime.LockOSThread()
				syscall.Getppid()
			}()
		}
		wg.Wait()
		total++
	}
	fmt.Println("rounds:", total)
	os.Exit(7)
}
