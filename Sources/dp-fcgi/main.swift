print("dp-fcgi")
